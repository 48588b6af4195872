"""API keys in the admin: create (the key is shown once, on the answer page only), list,
revoke (an action). No one can see or edit a stored key; ``manage.py api_key`` does the same.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from api.keys import create_key, revoke_key
from api.models import ApiKey
from api.scopes import Scope, parse_scopes
from organisations.models import Organisation


class NewKeyForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all())
    name = forms.CharField(max_length=100, help_text="Which system will use it")
    scopes = forms.MultipleChoiceField(choices=[(s.value, s.value) for s in Scope],
                                       widget=forms.CheckboxSelectMultiple)


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    list_display = ["name", "organisation", "prefix", "scopes", "created_at", "last_used_at",
                    "revoked_at"]
    list_filter = ["organisation"]
    readonly_fields = ["organisation", "name", "prefix", "scopes", "created_at", "created_by",
                       "revoked_at", "last_used_at"]
    exclude = ["secret_hash"]
    actions = ["revoke"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def add_view(self, request: HttpRequest, form_url: str = "",
                 extra_context: dict[str, object] | None = None) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        form = NewKeyForm(request.POST or None)
        context: dict[str, object] = {**self.admin_site.each_context(request),
                                      "title": "Create an API key", "form": form,
                                      "opts": self.model._meta}
        if request.method == "POST" and form.is_valid():
            created = create_key(organisation=form.cleaned_data["organisation"],
                                 name=form.cleaned_data["name"],
                                 scopes=parse_scopes(form.cleaned_data["scopes"]),
                                 created_by=_user(request))
            context.update({"key": created.key, "api_key": created.api_key})
        response = TemplateResponse(request, "api/admin/key_form.html", context)
        add_never_cache_headers(response)
        return response

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for api_key in queryset:
            revoke_key(api_key=api_key, revoked_by=_user(request))
        self.message_user(request, f"Revoked {queryset.count()} key(s).", messages.SUCCESS)
