from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "centre.review"
    label = "review"
    verbose_name = "登记审核 · Registration review"
