#!/usr/bin/env bash
# The programs `npm run bench` compares khcl's scan path with: native tesseract (with its
# Vietnamese model), OCRmyPDF, and poppler's tools; and LibreOffice Writer, which `npm run corpus`
# uses to save its DOCX files as legacy .doc. Not needed to run khcl; Debian/Ubuntu, as root.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie ocrmypdf poppler-utils libreoffice-writer-nogui
tesseract --version | head -1
ocrmypdf --version
