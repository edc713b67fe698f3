async def test_me_as_admin(client, admin_headers):
    r = await client.get("/v1/me", headers=admin_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["role"] == "admin"
    assert "users:write" in body["scopes"]


async def test_no_token_is_401_problem(client):
    r = await client.get("/v1/me")
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["www-authenticate"].startswith("Bearer")
