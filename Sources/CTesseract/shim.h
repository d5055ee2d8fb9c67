#ifndef ISSUEPIPE_CTESSERACT_SHIM_H
#define ISSUEPIPE_CTESSERACT_SHIM_H
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
#endif
