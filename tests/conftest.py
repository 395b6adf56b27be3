"""Pytest fixtures shared by the generator tests. Helpers live in mini_fixture.py, because two conftest
modules (this one and tests/browser/conftest.py) cannot both be imported by the name `conftest`."""
from mini_fixture import mini_copy  # noqa: F401  (re-exported as a fixture)


def pytest_configure(config):
    config.addinivalue_line("markers", "any_engine: a check of the built site that applies to every engine's build "
                            "(make test runs them again on site-zensical/)")
