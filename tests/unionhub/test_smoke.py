def test_it_shows_the_login_page_to_anonymous_visitors(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200


def test_it_shows_the_roster_to_the_chair(chair_client, member):
    response = chair_client.get("/members/")
    assert response.status_code == 200
    assert "张三" in response.content.decode()
