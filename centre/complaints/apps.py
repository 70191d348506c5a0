from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "centre.complaints"
    label = "complaints"
    verbose_name = "投诉 · Complaints"

    def ready(self) -> None:
        from centre.complaints import actions
        from centre.complaints.templatetags.casework import lazy_text
        from centre.console.navigation import NavLink, register_link

        register_link(NavLink("complaints:list", lazy_text("投诉", "Complaints"), actions.VIEW, 40))
