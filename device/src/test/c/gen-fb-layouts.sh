#!/bin/sh
# Regenerates ../resources/io/framereel/device/fb/fb-layouts.tsv from fb_layouts.c (FbLayoutTableTest checks
# FbLayout against it); gen-layouts.sh does the work for every binding.
# Run from anywhere: sh device/src/test/c/gen-fb-layouts.sh
exec sh "$(dirname "$0")/gen-layouts.sh" fb
