"""The GitHub Actions workflow is valid against the published schema (bundled with check-jsonschema, works offline)
and does what the project promises: test on every push and pull request; on push to main, build for the site's real
address (actions/configure-pages, or the repository variable SITE_URL) and deploy that build to Pages. A deployment
build refuses the placeholder origin."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mini_fixture import MINI_DATA

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github/workflows/site.yml"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_matches_github_schema():
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_every_change(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert any(step.get("run") == "make test" for step in workflow["jobs"]["test"]["steps"])


def test_deploy_builds_for_the_pages_address_then_deploys(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    steps = deploy["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    order = ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert [name for name in uses if name in order] == order
    pages = steps[uses.index("actions/configure-pages")]
    build = next(step for step in steps if "make site" in step.get("run", ""))
    assert steps.index(pages) < steps.index(build) < uses.index("actions/upload-pages-artifact")
    # the offline copies (make offline: site/data/offline/*.zip) are built into the published folder
    assert build["run"].split() == ["make", "site", "offline", "DEPLOY=1"]
    # The repository variable wins (a custom domain); else the Pages base_url, which has no trailing slash.
    site_url = build["env"]["SITE_URL"].replace(" ", "")
    assert site_url == "${{vars.SITE_URL||format('{0}/',steps.%s.outputs.base_url)}}" % pages["id"]
    assert steps[uses.index("actions/upload-pages-artifact")]["with"]["path"] == "site"
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"


def test_ci_script_installs_browser_and_font_and_runs_make_test():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "chromium" in script and "fonts-noto-cjk" in script
    assert script.rstrip().splitlines()[-1].strip() == "make test"


def _deploy_build(tmp_path: Path, site_url: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "generator", "build", "--deploy", "--data", str(MINI_DATA),
                           "--docs", str(tmp_path / "docs")], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("site_url", [None, "", "https://lingchuan-plans.example.org/", "https://lingchuan-plans.example.org"])
def test_deployment_build_refuses_the_placeholder(tmp_path, site_url):
    result = _deploy_build(tmp_path, site_url)
    assert result.returncode == 2
    assert "SITE_URL" in result.stderr and "placeholder" in result.stderr and "github.io" in result.stderr
    assert not (tmp_path / "docs").exists(), "nothing may be written"


@pytest.mark.parametrize("site_url", ["owner.github.io/repo/", "ftp://example.org/", "https://"])
def test_any_build_refuses_a_site_url_that_is_not_an_address(tmp_path, site_url):
    result = _deploy_build(tmp_path, site_url)
    assert result.returncode == 2 and repr(site_url) in result.stderr
    assert not (tmp_path / "docs").exists()


def test_deployment_build_accepts_a_real_address(tmp_path):
    result = _deploy_build(tmp_path, "https://owner.github.io/repo/")
    assert result.returncode == 0, result.stderr
    assert b"https://owner.github.io/repo/" in (tmp_path / "docs/zh/cite/citations.json").read_bytes()
