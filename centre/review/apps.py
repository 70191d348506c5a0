from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "centre.review"
    label = "review"
    verbose_name = "登记审核 · Registration review"

    def ready(self) -> None:
        from centre.complaints.templatetags.casework import lazy_text
        from centre.console.navigation import NavLink, register_link
        from centre.review import actions

        register_link(NavLink("review:queue", lazy_text("登记审核", "Review"), actions.VIEW, 30))
