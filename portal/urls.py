"""The portal, mounted under /portal/."""

from django.urls import path

from portal.views import (
    auth,
    caseworker,
    compliance,
    erasure,
    officer,
    second_factor,
    supervisor,
    updates,
)

app_name = "portal"
urlpatterns = [
    path("", auth.home, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("login/code/", second_factor.verify, name="second_factor"),
    path("login/code/setup/", second_factor.enrol, name="second_factor_enrol"),
    path("give/", officer.give, name="give"),
    path("leaflets/", officer.my_leaflets, name="my_leaflets"),
    path("leaflets/<int:pk>/resend/", officer.resend, name="resend"),
    path("leaflets/<int:pk>/scene/", officer.scene, name="scene"),
    path("updates/", updates.updates_due, name="updates_due"),
    path("updates/<int:pk>/by-phone/", updates.update_by_phone, name="update_by_phone"),
    path("updates/record/", updates.case_event, name="case_event"),
    path("updates/cases/<int:pk>/", updates.case_choices, name="case_choices"),
    path("compliance/", compliance.compliance_page, name="compliance"),
    path("compliance/cases/", compliance.compliance_cases, name="compliance_cases"),
    path("compliance.csv", compliance.compliance_csv, name="compliance_csv"),
    path("dashboard/", supervisor.dashboard_page, name="dashboard"),
    path("dashboard/issues/", supervisor.dashboard_issues, name="dashboard_issues"),
    path("dashboard/referrals/", supervisor.dashboard_referral_list,
         name="dashboard_referrals"),
    path("dashboard/<slug:key>.csv", supervisor.dashboard_csv, name="dashboard_csv"),
    path("referrals/", caseworker.inbox_page, name="inbox"),
    path("referrals/<str:reference>/", caseworker.referral_page, name="referral"),
    path("referrals/<str:reference>/contact/", caseworker.referral_contact,
         name="referral_contact"),
    path("referrals/<str:reference>/status/", caseworker.referral_status,
         name="referral_status"),
    path("referrals/<str:reference>/note/", caseworker.referral_note, name="referral_note"),
    path("referrals/<str:reference>/assign/", caseworker.referral_assign,
         name="referral_assign"),
    path("erasure/", erasure.requests_page, name="erasure_requests"),
    path("erasure/find/", erasure.find, name="erasure_find"),
    path("erasure/victims/<int:pk>/", erasure.victim_page, name="erasure_victim"),
    path("erasure/victims/<int:pk>/erase/", erasure.erase, name="erasure_erase"),
]
