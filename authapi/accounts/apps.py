"""The accounts app: users, sessions and the API's error model."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "authapi.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the drf-spectacular extensions that describe this app's classes.
        from authapi.accounts import schema  # noqa: F401
