// A loopback stand-in for the registries' advisory services, used only by check-dependencies.sh's self-check:
// it carries two real, published advisories for the canary packages, so the self-check proves that the check
// itself reports a vulnerable package and fails on it, whatever the registries here do or do not serve.
// It answers the two questions the tools ask: NuGet's registration metadata (where `dotnet list package
// --vulnerable` reads vulnerabilities) and npm's bulk advisory endpoint plus the packument that `npm audit`
// reads to work out which installed versions are affected. Everything else is 404.
// Prints "PORT <n>" once listening on 127.0.0.1 (port chosen by the OS); stops on SIGTERM.
'use strict';
const http = require('http');

// GHSA-5crp-9r3c-p9vr: Newtonsoft.Json before 13.0.1, improper handling of exceptional conditions (high).
const nugetAdvisory = { id: 'Newtonsoft.Json', version: '12.0.1', url: 'https://github.com/advisories/GHSA-5crp-9r3c-p9vr', severity: '2' };
// GHSA-jf85-cpcp-j695: lodash before 4.17.12, prototype pollution (critical).
const npmAdvisories = {
  lodash: [{
    id: 1523, url: 'https://github.com/advisories/GHSA-jf85-cpcp-j695', title: 'Prototype Pollution in lodash',
    severity: 'critical', vulnerable_versions: '<4.17.12', cwe: ['CWE-1321'], cvss: { score: 9.1, vectorString: null },
  }],
};
const lodashPackument = {
  name: 'lodash', 'dist-tags': { latest: '4.17.21' },
  versions: { '4.17.4': { name: 'lodash', version: '4.17.4' }, '4.17.21': { name: 'lodash', version: '4.17.21' } },
};

function json(res, body) {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    const lowerId = nugetAdvisory.id.toLowerCase();
    if (req.method === 'GET' && req.url === '/nuget/index.json') {
      return json(res, { version: '3.0.0', resources: [{ '@id': `${base}/nuget/registration/`, '@type': 'RegistrationsBaseUrl/3.6.0' }] });
    }
    if (req.method === 'GET' && req.url === `/nuget/registration/${lowerId}/index.json`) {
      const leaf = `${base}/nuget/registration/${lowerId}/${nugetAdvisory.version}.json`;
      return json(res, {
        count: 1,
        items: [{
          '@id': `${base}${req.url}#page/${nugetAdvisory.version}/${nugetAdvisory.version}`,
          lower: nugetAdvisory.version, upper: nugetAdvisory.version, count: 1,
          items: [{
            '@id': leaf,
            catalogEntry: {
              '@id': leaf, id: nugetAdvisory.id, version: nugetAdvisory.version, listed: true,
              vulnerabilities: [{ advisoryUrl: nugetAdvisory.url, severity: nugetAdvisory.severity }],
            },
          }],
        }],
      });
    }
    if (req.method === 'POST' && req.url.startsWith('/npm/-/npm/v1/security/advisories/bulk')) return json(res, npmAdvisories);
    if (req.method === 'GET' && req.url === '/npm/lodash') return json(res, lodashPackument);
    res.statusCode = 404;
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
