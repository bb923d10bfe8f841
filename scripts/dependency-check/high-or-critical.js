// Reads the JSON report of `dotnet list package --vulnerable --format json` (kind "nuget") or of
// `npm audit --json` (kind "npm") and prints one line per high or critical finding.
// Exit status: 0 none found, 1 at least one found, 3 the tool answered that it got no advisory data
// (npm's audit endpoint refused; NuGet reported a problem), 4 the report could not be read.
// NuGet gives no sign when a feed simply has no advisory data (it answers "no vulnerable packages"), which is
// why check-dependencies.sh asks about a known-vulnerable canary before it trusts a clean answer.
'use strict';
const fs = require('fs');
const [kind, file] = process.argv.slice(2);
const serious = new Set(['high', 'critical']);

let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`  unreadable ${kind} report ${file}: ${e.message}`);
  process.exit(4);
}

const findings = [];
let noData = null;
if (kind === 'nuget') {
  for (const p of report.problems ?? []) {
    if (p.level === 'error') noData = `${p.project ?? ''}: ${p.text}`;
  }
  for (const project of report.projects ?? []) {
    for (const fw of project.frameworks ?? []) {
      for (const pkg of [...(fw.topLevelPackages ?? []), ...(fw.transitivePackages ?? [])]) {
        for (const v of pkg.vulnerabilities ?? []) {
          if (serious.has(String(v.severity).toLowerCase())) {
            findings.push(`${v.severity.toUpperCase()} ${pkg.id} ${pkg.resolvedVersion} in ${project.path} (${fw.framework}): ${v.advisoryurl}`);
          }
        }
      }
    }
  }
} else if (kind === 'npm') {
  if (report.error || report.statusCode) noData = report.message ?? JSON.stringify(report.error);
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (!serious.has(v.severity)) continue;
    const urls = (v.via ?? []).filter(x => typeof x === 'object').map(x => x.url);
    findings.push(`${v.severity.toUpperCase()} ${name} ${v.range}: ${urls.join(' ') || 'via ' + v.via.join(', ')}`);
  }
} else {
  console.log(`  unknown report kind ${kind}`);
  process.exit(4);
}

for (const f of findings) console.log(`  ${f}`);
if (findings.length > 0) process.exit(1);
if (noData !== null) {
  console.log(`  no advisory data: ${noData}`);
  process.exit(3);
}
process.exit(0);
