from prm_api.cli import app

app()
