"""The banners at the top of a page: overdue for review, changed since review, due soon, draft preview."""
from __future__ import annotations

from kbtool.site.catalogue import SiteDocument
from kbtool.site.page import Banner
from kbtool.view import DocumentView


def banners_for(source: SiteDocument, view: DocumentView, changed_on: str | None = None, customer: bool = False) -> list[Banner]:
    """`changed_on`: the day its content changed after its last review, when known; `customer`: name the team, never a person."""
    found: list[Banner] = []
    if source.draft:
        found.append(Banner("warning", "Draft: not published", "This page is a draft shown in a preview build. It is not on the published site and has not been approved."))
    review = view.review
    owner = (view.owner_team or "its team") if customer else view.owner_name + (f" ({view.owner_team})" if view.owner_team else "")
    if review.state == "overdue" and review.due:
        found.append(Banner(
            "danger", "Overdue for review",
            f"Its review was due on {review.due.isoformat()}, {review.days} day(s) ago. Check the steps before relying on them; {owner} owns this page.",
        ))
    if changed_on:
        reviewed = review.reviewed.isoformat() if review.reviewed else "its last review"
        found.append(Banner(
            "warning", "Changed since review",
            f"This page changed {'on ' + changed_on if changed_on[:1].isdigit() else changed_on}, after its review of {reviewed}: the change has not been reviewed yet. {owner} owns this page.",
        ))
    if review.state == "unknown":
        found.append(Banner("warning", "Review date unknown", "Nobody can tell when this page was last checked. " + f"{owner} owns this page."))
    return found
