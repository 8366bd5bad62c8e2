// The build fails in the verify phase, naming the finding at its file and line in Maven's error output.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] schema-guard: db/schema-guard.yaml:6: required-not-in-manifest: 002_users_email.sql is required but boot-manifest.txt does not allow it')
assert log.contains('[INFO] BUILD FAILURE')
assert log.contains('schema-guard verify: 1 finding(s), 1 warning(s); the first: db/schema-guard.yaml:6: required-not-in-manifest')
assert log.contains('schema-guard verify: 1 finding(s), 1 warning(s)')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/schema-guard/verify.sarif'))
assert sarif.version == '2.1.0'
def result = sarif.runs[0].results.find { it.ruleId == 'required-not-in-manifest' }
assert result.level == 'error'
assert result.locations[0].physicalLocation.artifactLocation.uri == 'db/schema-guard.yaml'
assert result.locations[0].physicalLocation.region.startLine == 6
