"""The admin is for administrators fixing data; people use the product's own pages."""

from django.contrib import admin

from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start_on", "end_on", "closed_at"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "period", "team", "owner"]
    list_filter = ["period", "team"]
    list_select_related = ["period", "team", "owner"]
    search_fields = ["title"]
    raw_id_fields = ["parent", "origin"]


@admin.register(KeyResult)
class KeyResultAdmin(admin.ModelAdmin):
    list_display = ["title", "objective", "owner", "kr_type", "current_value", "target_value"]
    list_filter = ["kr_type", "objective__period"]
    list_select_related = ["objective", "owner"]
    search_fields = ["title"]
    raw_id_fields = ["objective", "origin", "open_next_up", "outcome"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "signal", "key_result", "author"]
    list_filter = ["kind", "signal"]
    list_select_related = ["key_result", "author"]
    search_fields = ["text"]
    raw_id_fields = ["key_result", "resolves"]
    date_hierarchy = "created_at"


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "signal", "key_result", "author"]
    list_select_related = ["key_result", "author"]
    raw_id_fields = ["key_result", "check_in"]
