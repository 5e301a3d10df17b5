from django.urls import path

from incheck.people import views_invitation, views_people, views_roster, views_teams

urlpatterns = [
    path("people/", views_people.people_list, name="people"),
    path("people/<int:person_id>/", views_people.person_page, name="person_detail"),
    path("people/import/", views_roster.roster, name="roster"),
    path("people/audit/", views_people.audit_log, name="audit_log"),
    path("people/teams/", views_teams.team_admin, name="team_admin"),
    path("teams/<int:team_id>/members/", views_teams.team_members, name="team_members"),
    path("invitations/<str:token>/", views_invitation.invitation, name="invitation"),
]
