-- Facts about the installation itself. `demo` is 'loading' while the demo
-- region is written and 'loaded' once it is complete, so that a load
-- interrupted midway is recognised at the next start and done again.
CREATE TABLE platform_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
