// The quickstart passes: its four unpinned manifest entries are warnings, not errors.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] BUILD SUCCESS')
assert log.contains('[WARNING] schema-guard: ') && log.contains('warning: manifest-pin-missing: 003_add_users_display_name.sql is not pinned')
assert log.contains('[INFO] schema-guard verify: clean, 4 warning(s)')
assert !log.contains('[ERROR]')
