from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "centre.integrity"
    label = "integrity"
    verbose_name = "诚信信息 · Integrity records"

    def ready(self) -> None:
        from centre.complaints.templatetags.casework import lazy_text
        from centre.console.navigation import NavLink, register_link
        from centre.integrity import actions

        register_link(NavLink("integrity:records", lazy_text("诚信信息", "Integrity"), actions.VIEW, 50))
