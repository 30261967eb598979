#!/usr/bin/env bash
# Assembles the peer corpora that bench/peer_corpora.sh sweeps: other projects'
# test PDFs and images (odd, broken and hostile files), copied out of git
# checkouts of those projects into DEST (default /work/peers), one folder per
# project. Nothing here runs at test time and nothing is kept in the repository;
# the few files quai needs as regression cases are in tests/fixtures/hostile/.
#
#   bench/peer_corpora_fetch.sh [DEST]
#
# Each project is read from a git directory (bare or not) found at
# $PEER_GIT_ROOT/<owner>+<name>/repo (default root /work/.mirror), or at the
# path in the variable named below; clone them there first, e.g.
#   git clone --bare https://github.com/<owner>/<name> $PEER_GIT_ROOT/<owner>+<name>/repo
# The sweep of issue 21 used these commits (files copied; a few are absent from the checkout):
#   mozilla/pdf.js        0f26334f9d6f  test/pdfs/*.pdf      971 (the .link files name PDFs elsewhere: not fetched)
#   ocrmypdf/OCRmyPDF     62b42095eca8  tests/resources/*     60 PDFs, images, hOCR
#   qpdf/qpdf             dfd251125cad  every *.pdf          703 (qpdf/qtest/qpdf, examples, libtests)
#   py-pdf/pypdf          f6853ccd3ff4  resources/**          82 PDFs and images
#   python-pillow/Pillow  4e5f09f533db  Tests/images/**     1067 (every file; most are not PDF/PNG/JPEG/TIFF)
# 2,883 files in all, 173 MB.
# Licences: pdf.js Apache-2.0, OCRmyPDF MPL-2.0 (some resources CC-BY-SA, see
# its tests/resources/README), qpdf Apache-2.0, pypdf BSD-3-Clause, Pillow MIT-CMU
# (HPND); several test files are third-party documents collected by those projects.
set -euo pipefail
DEST=${1:-/work/peers}
ROOT=${PEER_GIT_ROOT:-/work/.mirror}

# extract PROJECT GITDIR FILTER: copies the files of HEAD whose path matches the
# extended regular expression FILTER into DEST/PROJECT, keeping their paths.
extract() {
  local project=$1 git_dir=$2 filter=$3 count=0 missing=0
  if ! git --git-dir="$git_dir" rev-parse -q --verify HEAD >/dev/null 2>&1; then
    echo "peer_corpora_fetch: $project: no git directory at $git_dir, skipped" >&2
    return 0
  fi
  mkdir -p "$DEST/$project"
  while IFS=$'\t' read -r meta path; do
    local object=${meta##* }
    mkdir -p "$DEST/$project/$(dirname "$path")"
    if git --git-dir="$git_dir" cat-file blob "$object" > "$DEST/$project/$path" 2>/dev/null; then
      count=$((count + 1))
    else
      rm -f "$DEST/$project/$path"; missing=$((missing + 1))
    fi
  done < <(git --git-dir="$git_dir" ls-tree -r HEAD | grep -E "	($filter)\$")
  echo "peer_corpora_fetch: $project: $count files from $(git --git-dir="$git_dir" rev-parse --short=12 HEAD)" \
       "($missing absent from the checkout)"
}

extract pdfjs    "${PDFJS_GIT:-$ROOT/mozilla+pdf.js/repo}"        'test/pdfs/[^/]*\.pdf'
extract ocrmypdf "${OCRMYPDF_GIT:-$ROOT/ocrmypdf+OCRmyPDF/repo}" 'tests/resources/.*'
extract qpdf     "${QPDF_GIT:-$ROOT/qpdf+qpdf/repo}"              '.*\.pdf'
extract pypdf    "${PYPDF_GIT:-$ROOT/py-pdf+pypdf/repo}"          'resources/.*'
extract pillow   "${PILLOW_GIT:-$ROOT/python-pillow+Pillow/repo}" 'Tests/images/.*'
