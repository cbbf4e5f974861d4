#!/usr/bin/env bash
# Wrap dist/Postil.app (from build.spec) in a compressed disk image with an Applications link.
#
#   packaging/make_dmg.sh VERSION ARCH [DIST_DIR]
#
# Writes DIST_DIR/Postil-VERSION-macos-ARCH.dmg (DIST_DIR defaults to dist). macOS only:
# hdiutil is Apple's. Signing and notarising the image are separate steps (see
# .github/workflows/release.yml), because they need secrets a local build does not have.
set -euo pipefail

version="${1:?usage: make_dmg.sh VERSION ARCH [DIST_DIR]}"
arch="${2:?usage: make_dmg.sh VERSION ARCH [DIST_DIR]}"
dist="${3:-dist}"
app="$dist/Postil.app"
dmg="$dist/Postil-$version-macos-$arch.dmg"

if [[ ! -d "$app" ]]; then
    echo "make_dmg.sh: $app not found; build it first with pyinstaller build.spec" >&2
    exit 1
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# ditto keeps the bundle's symlinks, extended attributes and signatures intact.
ditto "$app" "$staging/Postil.app"
ln -s /Applications "$staging/Applications"

rm -f "$dmg"
hdiutil create \
    -volname "Postil $version" \
    -srcfolder "$staging" \
    -fs HFS+ \
    -format ULFO \
    -ov \
    "$dmg"
hdiutil verify "$dmg"
echo "$dmg"
