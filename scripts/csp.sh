#!/usr/bin/env bash
# trunk's post_build hook: gives dist/index.html a Content-Security-Policy.
#
# The page may load only its own files and connect nowhere else; WebAssembly
# compiles under 'wasm-unsafe-eval' (no general eval); the one inline script,
# trunk's module loader, is allowed by its SHA-256 hash, computed here from
# the exact bytes trunk wrote, so the policy follows every rebuild. A course
# page embeds podlab in an iframe, so no frame-ancestors rule (a <meta> policy
# cannot carry one anyway). scripts/csp-check.sh checks the built page
# against it in headless Chromium.
set -euo pipefail
html="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/index.html"
perl -0777 -i -MDigest::SHA=sha256_base64 -pe '
  my @h;
  while (/<script\b[^>]*>(.*?)<\/script>/sg) {
    my $d = sha256_base64($1);
    $d .= "=" while length($d) % 4;
    push @h, "'"'"'sha256-$d'"'"'";
  }
  my $csp = join("; ",
    "default-src '"'"'none'"'"'",
    "script-src '"'"'self'"'"' '"'"'wasm-unsafe-eval'"'"' @h",
    "style-src '"'"'self'"'"'",
    "img-src '"'"'self'"'"' data:",
    "connect-src '"'"'self'"'"'",
    "base-uri '"'"'none'"'"'",
    "form-action '"'"'none'"'"'");
  s{(<meta charset="utf-8" />)}{$1\n    <meta http-equiv="Content-Security-Policy" content="$csp" />} or die "no charset meta";
' "$html"
