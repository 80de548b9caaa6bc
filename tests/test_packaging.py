"""A non-editable install gives a working `auditor` with its checks and templates."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import DISCLOSURE_FIXTURE, ROOT


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the built wheel installed (not editable).

    The dependencies are borrowed from the test environment through a path entry,
    so nothing is downloaded; the project itself comes only from the wheel.
    """
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = wheels.glob("*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", str(wheel)], check=True, capture_output=True)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def _site_packages(venv: Path) -> Path:
    [site] = (venv / "lib").glob("python3*/site-packages")
    return site


def test_wheel_puts_no_generic_top_level_modules_in_site_packages(fresh_venv: Path) -> None:
    site = _site_packages(fresh_venv)
    assert (site / "auditor" / "checks" / "disclosure.py").is_file()
    assert (site / "auditor" / "templates" / "report.html").is_file()
    assert (site / "auditor" / "templates" / "web" / "audit.html").is_file()
    assert (site / "auditor" / "web" / "migrations" / "script.py.mako").is_file()
    assert list((site / "auditor" / "web" / "migrations" / "versions").glob("0001_*.py"))
    assert not (site / "checks").exists()
    assert not (site / "reports").exists()


def test_installed_command_audits_and_renders_all_formats(fresh_venv: Path,
                                                          tmp_path: Path) -> None:
    run = subprocess.run(
        [str(fresh_venv / "bin" / "auditor"), "scan", str(DISCLOSURE_FIXTURE),
         "--format", "json,html,pdf", "--out", str(tmp_path / "out"), "--fail-under", "100"],
        cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # the fixture is flawed: the gate fails
    for name in ("report.json", "report.html", "report.pdf"):
        assert (tmp_path / "out" / name).stat().st_size > 0


def test_python_dash_m_runs_the_installed_package(fresh_venv: Path, tmp_path: Path) -> None:
    run = subprocess.run([str(fresh_venv / "bin" / "python"), "-m", "auditor", "checks"],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "DISC001" in run.stdout
    # The web service's migrations run from the installed package.
    created = subprocess.run([str(fresh_venv / "bin" / "auditor"), "users", "create",
                              "pkg@example.com", "--password", "a long enough password",
                              "--instance", str(tmp_path / "instance")],
                             cwd=tmp_path, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    where = subprocess.run([str(fresh_venv / "bin" / "python"), "-c",
                            "import auditor; print(auditor.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert str(_site_packages(fresh_venv)) in where
