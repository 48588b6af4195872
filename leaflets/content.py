"""The leaflet's text (English source messages) and its structure: sections, paragraphs, lists.

The words live in the gettext catalogs (``locales/``); this module only marks the English source
messages for extraction (``N_`` and ``NN_``) and says in which order they appear. It has no
Django dependency, so the assistant can render the same messages.

Placeholders such as ``%(force_name)s`` are filled from the organisation's settings at render
time; a paragraph whose placeholder has no value (for example no support web address) is left out.
National numbers (999, 101) are part of the text. Every fact traces to the Victims' Code
(``../shared/content/victims-code-facts.md``). Changing any English message means a new
``CONTENT_VERSION`` (``tests/leaflets/test_content.py`` checks the fingerprint).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The content version recorded on every leaflet issue. Bump it, and add the new fingerprint to
# CONTENT_FINGERPRINTS, whenever an English message changes.
CONTENT_VERSION = "2026.4"
CONTENT_FINGERPRINTS = {
    "2026.1": "0d84178859bc6b56",
    # Translators' corrections: enhanced-rights crimes and groups, "release" and bail, one
    # enhanced-rights timescale, plain "unjustified delay", permission, Shift x3 within 5 s,
    # list items that follow their lead-in, names that stand alone (no grammatical case).
    "2026.2": "0486f7d829ecfc78",
    # Help first (999, the support line and 101 at the top, the same sentences); the crime
    # reference, the officer and how to check the link is genuine on a victim's page, SMS, email.
    "2026.3": "9bacc19c76a1a82a",
    # Who is a victim under the Victims and Prisoners Act 2024: a child who sees, hears or lives
    # through domestic abuse, a person born as a result of rape.
    "2026.4": "bb92c8e90f2972e1",
}


def N_(message: str) -> str:
    """Mark a message for extraction; translation happens later, with a catalog."""
    return message


@dataclass(frozen=True)
class Plural:
    singular: str
    plural: str
    count_name: str  # the placeholder that carries the number
    count: int


def NN_(singular: str, plural: str, *, count_name: str, count: int) -> Plural:
    """Mark a plural message for extraction, with the number it is shown with."""
    return Plural(singular=singular, plural=plural, count_name=count_name, count=count)


Text = str | Plural


@dataclass(frozen=True)
class Item:
    """One entry of a list: an optional bold title and its text."""

    text: Text
    title: str = ""


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    paragraphs: tuple[Text, ...] = ()
    items: tuple[Item, ...] = ()
    ordered: bool = False
    after: tuple[Text, ...] = ()  # paragraphs after the list


@dataclass(frozen=True)
class Ui:
    """Words around the content: page titles, buttons, links, notices."""

    site_name: str = N_("Information for victims of crime")
    leaflet_title: str = N_("Your rights as a victim of crime")
    from_force: str = N_("This information comes from %(force_name)s.")
    # NOTE: The quick-exit button (GOV.UK "Exit this page"). Keep it short.
    exit_page: str = N_("Exit this page")
    skip_to_content: str = N_("Skip to main content")
    choose_language: str = N_("Choose your language")
    change_language: str = N_("Change language")
    contents: str = N_("Contents")
    languages: str = N_("Languages")
    large_print: str = N_("Large print version")
    plain_text: str = N_("Plain text version")
    standard_version: str = N_("Standard version")
    safety_link: str = N_("How to browse more safely")
    back_to_leaflet: str = N_("Back to the leaflet")
    draft_notice: str = N_(
        "This translation was made by a computer and has not been checked yet. "
        "The English version is the official text."
    )
    read_english: str = N_("Read the English version")
    link_not_valid_title: str = N_("This link does not work any more")
    link_not_valid_text: str = N_(
        "You can still read the leaflet. Choose your language below."
    )
    help_now: str = N_("If you need help now, call %(support_name)s on %(support_phone)s.")
    emergency: str = N_("In an emergency, call 999.")
    # The help box at the top of every leaflet page: the same sentences as in the leaflet's text.
    in_danger: str = N_("If you are in danger, call 999.")
    call_support: str = N_("Call %(support_name)s on %(support_phone)s.")
    support_hours: str = N_("Opening hours: %(support_hours)s.")
    non_emergency: str = N_("If it is not an emergency, call 101.")
    # NOTE: On a leaflet sent to one victim, and in its SMS and email: the written record of
    # their report. The reference stands alone after the colon (letters, digits and slashes).
    crime_reference: str = N_("Your crime reference number: %(crime_reference)s")
    # NOTE: The officer who gave the leaflet: a name, a collar number, or both.
    officer: str = N_("Police officer: %(officer)s")
    # NOTE: How to tell this page is not a fake: the police website names this site's address.
    check_genuine: str = N_(
        "To check this is genuine, look for %(site_address)s on the police website: "
        "%(force_web_address)s"
    )


UI = Ui()

INTRO = Section(
    slug="about",
    title=N_("About this leaflet"),
    paragraphs=(
        N_("You have told the police about a crime. This leaflet tells you what happens next "
           "and where to get help."),
        N_("You have rights under the Code of Practice for Victims of Crime. We call it the "
           "Victims' Code."),
        N_("Your rights apply even if nobody is charged with the crime. You can get support even "
           "if you did not report the crime."),
        N_("If a close relative died because of a crime, you have these rights too. A parent or "
           "guardian can use the rights for a child under 18."),
        # The Victims and Prisoners Act 2024 (in force since January 2025) widened who is a
        # victim: a child who sees, hears or experiences domestic abuse, a person born as a result
        # of rape (bereaved close relatives, the paragraph above, already were).
        N_("A child who sees, hears or lives through domestic abuse is a victim too. So is a "
           "person born as a result of rape."),
    ),
)

NEXT = Section(
    slug="next",
    title=N_("What happens next"),
    paragraphs=(
        N_("The police will write down the details of the crime without delay. They will give "
           "you a crime reference number. Keep it safe."),
        N_("The police will ask what help you need. This is called a needs assessment."),
        NN_("Unless you say no, the police will pass your details to a support service within "
            "%(days)s working day.",
            "Unless you say no, the police will pass your details to a support service within "
            "%(days)s working days.", count_name="days", count=2),
        N_("For sexual offences, domestic abuse, or if someone close to you died, the police "
           "will ask for your permission first."),
    ),
)

RIGHTS = Section(
    slug="rights",
    title=N_("Your 12 rights"),
    ordered=True,
    items=(
        Item(title=N_("To understand and be understood"),
             text=N_("You should get clear information. If you need one, you can have an "
                     "interpreter or a translation.")),
        Item(title=N_("To have the crime recorded"),
             text=N_("The police should write down the details of the crime without delay, "
                     "unless there is a good reason.")),
        Item(title=N_("To get information when you report the crime"),
             text=N_("You should get a written record of your report with a crime reference "
                     "number. You should be told what happens next and which services can "
                     "help, including restorative justice.")),
        Item(title=N_("To get support that fits your needs"),
             text=N_("The police should ask what you need and refer you to support services. "
                     "You can also contact a support service yourself.")),
        Item(title=N_("To get information about compensation"),
             text=N_("You should be told if you can get money for harm or loss caused by the "
                     "crime, and how to ask for it.")),
        Item(title=N_("To get updates about the investigation and any court case"),
             text=N_("You should be told about important decisions, such as an arrest, a "
                     "charge, a suspect's release, bail, a caution, or a decision to take no "
                     "further action. Bail usually means the suspect is let go but must follow "
                     "some rules. It does not usually mean paying money.")),
        Item(title=N_("To make a Victim Personal Statement"),
             text=N_("You can tell, in your own words, how the crime has affected you. The "
                     "court may hear it.")),
        Item(title=N_("To get information about the trial and your role as a witness"),
             text=N_("If you are a witness, you should be told what will happen at court and "
                     "what you need to do.")),
        Item(title=N_("To be told the outcome of the case and any appeals"),
             text=N_("You should be told the result of the case. You should also be told "
                     "about any appeal.")),
        Item(title=N_("To be paid expenses and get your property back"),
             text=N_("If you go to court as a witness, you can ask for your travel and other "
                     "costs. Property taken as evidence should be given back when it is no "
                     "longer needed.")),
        Item(title=N_("To get information about the offender after a conviction"),
             text=N_("If a violent or sexual offender is sent to prison for 12 months or more, "
                     "you can join the Victim Contact Scheme. It tells you about the "
                     "offender's release.")),
        Item(title=N_("To make a complaint"),
             text=N_("If you think your rights have not been met, you can complain.")),
    ),
)

ENHANCED = Section(
    slug="enhanced",
    title=N_("Extra help for some victims"),
    paragraphs=(
        # NOTE: Each item of the list after this lead-in is a whole clause ("you are ...").
        N_("Some victims have enhanced rights. This means faster updates and more specialist "
           "help. You have enhanced rights if any of these is true:"),
    ),
    items=(
        Item(text=N_("you are the victim of a very serious crime, such as domestic abuse, hate "
                     "crime, a sexual offence, human trafficking, terrorism, attempted murder, "
                     "kidnapping or false imprisonment, arson meant to put life in danger, or "
                     "wounding or grievous bodily harm with intent")),
        Item(text=N_("you are a close relative of someone who died because of a crime. You will "
                     "be offered a family liaison officer")),
        Item(text=N_("you are targeted again and again, harassed or stalked")),
        Item(text=N_("you are under 18")),
        Item(text=N_("you have a mental health condition or a disability, or you are not able "
                     "to make some decisions for yourself")),
        Item(text=N_("you are afraid or very upset about giving evidence")),
    ),
    after=(N_("If you think this is you, tell the police."),),
)

SUPPORT = Section(
    slug="support",
    title=N_("Support for you"),
    paragraphs=(
        N_("Support services help victims to cope and recover. You can contact one yourself, "
           "today. You do not have to wait for the police."),
        N_("Call %(support_name)s on %(support_phone)s."),
        N_("Opening hours: %(support_hours)s."),
        N_("You can also ask for help online: %(support_web_address)s"),
    ),
)

UPDATES = Section(
    slug="updates",
    title=N_("How and when we will update you"),
    paragraphs=(
        NN_("The police will tell you about important decisions within %(days)s working day.",
            "The police will tell you about important decisions within %(days)s working days.",
            count_name="days", count=5),
        NN_("If you have enhanced rights, the police will tell you within %(days)s working "
            "day.",
            "If you have enhanced rights, the police will tell you within %(days)s working "
            "days.",
            count_name="days", count=1),
        N_("Tell the police how and how often you want to hear from them. Tell them if texts, "
           "voicemail or letters are not safe for you."),
        N_("If your phone number or address changes, please tell the police."),
    ),
)

STATEMENT = Section(
    slug="statement",
    title=N_("Victim Personal Statement"),
    paragraphs=(
        N_("A Victim Personal Statement lets you say how the crime has affected you. This can "
           "be about your body, your feelings or your money."),
        N_("You can make one when you give a witness statement, or later. If there is a court "
           "case, the court may hear it."),
    ),
)

COMPENSATION = Section(
    slug="compensation",
    title=N_("Compensation"),
    paragraphs=(
        N_("A court can order the offender to pay you for harm or loss."),
        N_("If you were hurt by a violent crime, you may be able to ask the Criminal Injuries "
           "Compensation Authority for money."),
    ),
)

REVIEW = Section(
    slug="review",
    title=N_("Right to Review"),
    paragraphs=(
        N_("If the police or the Crown Prosecution Service decide not to charge anyone, or to "
           "stop the case, you can ask them to look at the decision again."),
        NN_("Ask within %(days)s working day of the decision if you can.",
            "Ask within %(days)s working days of the decision if you can.",
            count_name="days", count=10),
        NN_("A review can take up to %(months)s month.",
            "A review can take up to %(months)s months.", count_name="months", count=3),
    ),
)

COMPLAINTS = Section(
    slug="complaints",
    title=N_("Complaints"),
    paragraphs=(
        N_("If you think your rights have not been met, first complain to the organisation you "
           "are unhappy with, for example the police."),
        # NOTE: The force's name stands alone in brackets, so it needs no grammatical case.
        N_("Complain to the police (%(force_name)s) online: %(complaints_web_address)s"),
        N_("If you are still unhappy, your MP can pass your complaint to the Parliamentary and "
           "Health Service Ombudsman."),
    ),
)

SAFETY = Section(
    slug="safety",
    title=N_("Staying safe online"),
    paragraphs=(
        N_("Someone who uses this phone or computer may see that you visited this page."),
        N_("The Exit this page button takes you quickly to a weather website. You can also "
           "press the Shift key 3 times within 5 seconds."),
        N_("This does not delete your browsing history."),
    ),
)

CONTACTS = Section(
    slug="contacts",
    title=N_("Contacts"),
    paragraphs=(
        N_("In an emergency, call 999."),
        N_("If you are deaf or cannot speak, you can text 999 if you have registered with "
           "emergencySMS first. Text relay and British Sign Language video relay also work."),
        N_("If it is not an emergency, call 101."),
        N_("Police website (%(force_name)s): %(force_web_address)s"),
        N_("%(support_name)s: %(support_phone)s"),
        N_("Please have your crime reference number ready."),
    ),
)

LEAFLET: tuple[Section, ...] = (
    INTRO, NEXT, RIGHTS, ENHANCED, SUPPORT, UPDATES, STATEMENT, COMPENSATION, REVIEW, COMPLAINTS,
    SAFETY, CONTACTS,
)

SAFETY_PAGE = Section(
    slug="browse-safely",
    title=N_("How to browse more safely"),
    paragraphs=(
        N_("Leaving a page quickly does not delete your browsing history. Other people may be "
           "able to see which websites you visited."),
        N_("If you can, use a phone or computer that only you use, or one at a library or a "
           "friend's home."),
        N_("Use private browsing, also called incognito mode. It does not save the pages you "
           "visit."),
        N_("If you cannot do that, delete only this website from your history. Deleting all "
           "of your history may look unusual to someone who checks."),
        N_("If you are in danger, call 999."),
    ),
)


@dataclass(frozen=True)
class Texts:
    """The SMS and the email that carry the leaflet link."""

    # NOTE: One SMS. Keep it short: with the link it must fit in 3 SMS segments.
    sms: str = N_("%(force_name)s: your rights as a victim of crime: %(link)s")
    email_subject: str = N_("Your rights as a victim of crime")
    email_body: tuple[str, ...] = field(default=(
        N_("You reported a crime to the police (%(force_name)s)."),
        N_("Your crime reference number: %(crime_reference)s"),
        N_("Police officer: %(officer)s"),
        N_("Read about your rights and the help you can get, in your language:"),
        "%(link)s",
        N_("This link works until %(expiry_date)s."),
        N_("If you need help now, call %(support_name)s on %(support_phone)s."),
        N_("In an emergency, call 999."),
        N_("To check this is genuine, look for %(site_address)s on the police website: "
           "%(force_web_address)s"),
        N_("Please do not reply to this email."),
    ))


TEXTS = Texts()
