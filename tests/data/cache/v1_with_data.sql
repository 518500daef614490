-- A price cache as schema version 1 wrote it (before manual levels, corporate actions and the
-- per-symbol summary columns). Bars are the first sessions of the bundled S&P 500 sample;
-- days are days since 1970-01-01 (10959 = 2000-01-03). TEST holds hand-made values (not real
-- prices) with no symbols row and no adjusted close, as a hand-edited file might.
CREATE TABLE symbols(
    symbol TEXT PRIMARY KEY,
    description TEXT,
    currency TEXT,
    source TEXT,
    last_refresh INTEGER);
CREATE TABLE bars(
    symbol TEXT NOT NULL,
    day INTEGER NOT NULL,
    open REAL, high REAL, low REAL, close REAL, adj_close REAL, volume REAL,
    PRIMARY KEY(symbol, day)) WITHOUT ROWID;
INSERT INTO symbols VALUES('^GSPC', 'S&P 500', 'USD', 'sample', 1700000000);
INSERT INTO bars VALUES('^GSPC', 10959, 1469.25, 1478.0, 1438.359985, 1455.219971, 1455.219971, 931800000);
INSERT INTO bars VALUES('^GSPC', 10960, 1455.219971, 1455.219971, 1397.430054, 1399.420044, 1399.420044, 1009000000);
INSERT INTO bars VALUES('^GSPC', 10961, 1399.420044, 1413.27002, 1377.680054, 1402.109985, 1402.109985, 1085500000);
INSERT INTO bars VALUES('TEST', 10961, 80.5, 81.25, 79.75, 81.0, NULL, 1200);
PRAGMA user_version = 1;
