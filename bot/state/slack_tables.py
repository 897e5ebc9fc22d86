"""Bolt's OAuth installation and state stores, in the state database.

slack_sdk's SQLAlchemy stores describe their tables with SQLAlchemy Core and offer
``create_tables()``. ChargeBot never calls it: the tables are created by the same
Alembic migrations as ours (a frozen copy of slack_sdk's definitions), so one
``upgrade head`` builds the whole database and future slack_sdk schema changes
arrive as reviewed migrations. A test compares the migrated database with the
tables slack_sdk builds (:func:`slack_metadata`) and fails when they drift.
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, Table

BOTS = SQLAlchemyInstallationStore.default_bots_table_name
INSTALLATIONS = SQLAlchemyInstallationStore.default_installations_table_name
OAUTH_STATES = SQLAlchemyOAuthStateStore.default_table_name


def slack_metadata() -> MetaData:
    """The tables slack_sdk's stores read and write, as slack_sdk defines them."""
    metadata = MetaData()
    SQLAlchemyInstallationStore.build_bots_table(metadata, BOTS)
    SQLAlchemyInstallationStore.build_installations_table(metadata, INSTALLATIONS)
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, OAUTH_STATES)
    return metadata


def team_tables(metadata: MetaData) -> list[Table]:
    """The Slack tables that hold a workspace's data (an uninstall deletes its rows)."""
    return [metadata.tables[BOTS], metadata.tables[INSTALLATIONS]]
