// The quickstart passes: its four unpinned manifest entries are warnings, not errors, and a first
// boot on a brand-new database applies its six allowlisted migrations.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] BUILD SUCCESS')
assert log.contains('[WARNING] schema-guard: ') && log.contains('warning: manifest-pin-missing: 003_add_users_display_name.sql is not pinned')
assert log.contains('SCHEMA_GUARD result=PASS code=OK') && log.contains(' applied=6 pending=1 ')
assert log.contains('[INFO] schema-guard verify: clean, 4 warning(s)')
assert !log.contains('[ERROR]')
