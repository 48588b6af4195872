"""The Django-free language kernel: the 55 languages, their gettext catalogs, and locale-aware
formatting. The leaflet, the portal and the Rasa processes all read languages through it."""
