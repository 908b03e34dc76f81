#!/usr/bin/env bash
# trunk's post_build hook: gives dist/index.html a Content-Security-Policy.
#
# The page may load only its own files and connect nowhere else; WebAssembly
# compiles under 'wasm-unsafe-eval' (no general eval); the one inline script,
# trunk's module loader, is allowed by its SHA-256 hash, computed here from
# the exact bytes trunk wrote, so the policy follows every rebuild. A course
# page embeds podlab in an iframe, so no frame-ancestors rule (a <meta> policy
# cannot carry one anyway). scripts/csp-check.sh checks the built page
# against it in headless Chromium. The policy's one source is
# scripts/csp-policy.txt, which the browser tests run under too.
set -euo pipefail
html="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/index.html"
policy="$(dirname "${BASH_SOURCE[0]}")/csp-policy.txt"
CSP_POLICY="$(grep -v '^#' "$policy" | grep -v '^$')" perl -0777 -i -MDigest::SHA=sha256_base64 -pe '
  my @h;
  while (/<script\b[^>]*>(.*?)<\/script>/sg) {
    my $d = sha256_base64($1);
    $d .= "=" while length($d) % 4;
    push @h, "'"'"'sha256-$d'"'"'";
  }
  my $csp = join("; ", split(/\n/, $ENV{CSP_POLICY}));
  my $hashes = join(" ", @h);
  $csp =~ s/ LOADER_HASHES/ $hashes/ or die "no LOADER_HASHES in the policy";
  s{(<meta charset="utf-8" />)}{$1\n    <meta http-equiv="Content-Security-Policy" content="$csp" />} or die "no charset meta";
' "$html"
