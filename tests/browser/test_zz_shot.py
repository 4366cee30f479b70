from .test_five_cs_pages import jays_plan_half_done


def test_shot(browsing, page, amara, camden_child):
    jays_plan_half_done(camden_child, amara)
    browsing.sign_in(page, amara)
    browsing.goto(page, f"/children/{camden_child.public_id}/5cs/")
    page.screenshot(path="/tmp/shots/child.png", full_page=True)
