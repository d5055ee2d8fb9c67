#ifndef ISSUEPIPE_CTESSERACT_H
#define ISSUEPIPE_CTESSERACT_H
// The C API of tesseract and the parts of leptonica IssuePipe uses. The
// functions are defined in TesseractLoader.c, which loads the libraries on
// first use: a conversion that needs no OCR never loads them.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
#endif
