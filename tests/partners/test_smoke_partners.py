async def test_partner_flow_smoke(client, auth):
    admin = await auth.headers("admin")
    r = await client.post(
        "/v1/partner-applications",
        json={
            "name": "Northwind Systems",
            "website": "https://www.Northwind.example./about",
            "type": "reseller",
            "country": "DE",
            "contact": {"name": "Nina", "email": "nina@northwind.example"},
        },
    )
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    assert r.json()["domain"] == "northwind.example"
    dup = await client.post(
        "/v1/partner-applications",
        json={
            "name": "Northwind again",
            "website": "NORTHWIND.EXAMPLE",
            "type": "msp",
            "country": "DE",
            "contact": {"name": "X", "email": "x@northwind.example"},
        },
    )
    assert dup.status_code == 409 and dup.json()["code"] == "duplicate_partner", dup.text
    r = await client.post(f"/v1/partners/{pid}/approve", headers=admin, json={"reason": "ok"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "onboarding"
    r = await client.post(f"/v1/partners/{pid}/approve", headers=admin)
    assert r.status_code == 409 and r.json()["allowed_actions"] == ["activate", "terminate"], r.text
    r = await client.get("/v1/partners?q=nortwind", headers=admin)
    assert r.status_code == 200 and len(r.json()["data"]) == 1, r.text
    r = await client.post(
        "/v1/tiers",
        headers=admin,
        json={
            "key": "gold",
            "name": "Gold",
            "rank": 30,
            "min_won_revenue": {"amount": "100000.00", "currency": "EUR"},
        },
    )
    assert r.status_code == 201, r.text
    tid = r.json()["id"]
    r = await client.post(
        f"/v1/partners/{pid}/tier", headers=admin, json={"tier_id": tid, "reason": "strategic"}
    )
    assert r.status_code == 200 and r.json()["tier"]["key"] == "gold", r.text
    r = await client.post(
        f"/v1/partners/{pid}/invitations",
        headers=admin,
        json={"email": "pa@northwind.example", "role": "partner_admin"},
    )
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    r = await client.post(
        "/v1/invitations/accept", json={"token": token, "password": "a very good password"}
    )
    assert r.status_code == 201, r.text
    r = await client.post(
        "/v1/invitations/accept", json={"token": token, "password": "a very good password"}
    )
    assert r.status_code == 400, r.text
    r = await client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "username": "pa@northwind.example",
            "password": "a very good password",
        },
    )
    assert r.status_code == 200, r.text
    pa = {"Authorization": f"Bearer {r.json()['access_token']}"}
    r = await client.get("/v1/partners", headers=pa)
    assert [p["id"] for p in r.json()["data"]] == [pid]
    r = await client.patch(f"/v1/partners/{pid}", headers=pa, json={"description": "We sell"})
    assert r.status_code == 200, r.text
    r = await client.patch(f"/v1/partners/{pid}", headers=pa, json={"name": "Evil"})
    assert r.status_code == 422, r.text
    r = await client.post(f"/v1/partners/{pid}/activate", headers=admin)
    r = await client.post(f"/v1/partners/{pid}/suspend", headers=admin)
    assert r.status_code == 200, r.text
    r = await client.get("/v1/partners", headers=pa)
    assert r.status_code == 401, r.text
    r = await client.put(
        "/v1/partners/external/salesforce/001ABC",
        headers=admin,
        json={"name": "Contoso", "type": "msp", "website": "contoso.example"},
    )
    assert r.status_code == 201, r.text
    r2 = await client.put(
        "/v1/partners/external/salesforce/001ABC",
        headers=admin,
        json={"name": "Contoso", "type": "msp", "website": "contoso.example"},
    )
    assert r2.status_code == 200 and r2.json()["id"] == r.json()["id"], r2.text
    assert r2.headers["etag"] == r.headers["etag"]
