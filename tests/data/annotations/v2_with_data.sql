-- A price cache as schema version 2 wrote it (before annotations): three real sessions of the
-- bundled S&P 500 sample (10959 = 2000-01-03), one manual level and one dividend (values
-- hand-made, not real).
CREATE TABLE symbols(
    symbol TEXT PRIMARY KEY,
    description TEXT,
    currency TEXT,
    source TEXT,
    last_refresh INTEGER,
    first_day INTEGER,
    last_day INTEGER,
    bar_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE bars(
    symbol TEXT NOT NULL,
    day INTEGER NOT NULL,
    open REAL, high REAL, low REAL, close REAL, adj_close REAL, volume REAL,
    PRIMARY KEY(symbol, day)) WITHOUT ROWID;
CREATE TABLE manual_levels(
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL,
    price REAL NOT NULL,
    label TEXT,
    created INTEGER);
CREATE INDEX manual_levels_by_symbol ON manual_levels(symbol);
CREATE TABLE corporate_actions(
    symbol TEXT NOT NULL,
    day INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK(kind IN ('split', 'dividend')),
    value REAL,
    PRIMARY KEY(symbol, day, kind)) WITHOUT ROWID;
INSERT INTO symbols VALUES('^GSPC', 'S&P 500', 'USD', 'sample', 1700000000, 10959, 10961, 3);
INSERT INTO bars VALUES('^GSPC', 10959, 1469.25, 1478.0, 1438.359985, 1455.219971, 1455.219971, 931800000);
INSERT INTO bars VALUES('^GSPC', 10960, 1455.219971, 1455.219971, 1397.430054, 1399.420044, 1399.420044, 1009000000);
INSERT INTO bars VALUES('^GSPC', 10961, 1399.420044, 1413.27002, 1377.680054, 1402.109985, 1402.109985, 1085500000);
INSERT INTO manual_levels VALUES(1, '^GSPC', 1400.0, 'round number', 1700000000);
INSERT INTO corporate_actions VALUES('^GSPC', 10960, 'dividend', 0.5);
PRAGMA user_version = 2;
