// Tesseract and leptonica, loaded on first use (dlopen) instead of at start-up.
//
// Linked directly, libtesseract brings libarchive, libcurl and their TLS, LDAP
// and Kerberos libraries into every process: about 40 shared libraries and
// 15,000 symbol bindings the dynamic loader resolves before main, i.e. half
// of the start-up of a process that converts a born-digital PDF and never
// runs OCR. Each function IssuePipe calls is defined here with the library's
// own prototype (the headers check it) and forwards to the library's symbol,
// looked up once. The definitions are hidden: the executable exports its
// symbols, and tesseract's own calls into leptonica must not land here.
#include "CTesseract.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#define HIDDEN __attribute__((visibility("hidden")))

static void *openFirst(const char *const names[]) {
    for (int i = 0; names[i]; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_GLOBAL);
        if (handle) return handle;
    }
    return NULL;
}

// The address of `name` in tesseract (or leptonica, which tesseract loads);
// a library that cannot be loaded ends the process with a message, as a
// missing library at start-up would have.
static void *symbol(const char *name) {
    static const char *const tesseract[] = {"libtesseract.so.5", "libtesseract.so", "libtesseract.dylib", NULL};
    static const char *const leptonica[] = {"libleptonica.so.6", "liblept.so.5", "liblept.so", "libleptonica.so", "libleptonica.dylib", NULL};
    static void *tess, *lept;
    if (!tess) tess = openFirst(tesseract);
    if (!lept) lept = openFirst(leptonica);
    void *found = tess ? dlsym(tess, name) : NULL;
    if (!found && lept) found = dlsym(lept, name);
    if (!found) {
        fprintf(stderr, "issuepipe: cannot load %s from tesseract/leptonica: %s\n", name, dlerror());
        abort();
    }
    return found;
}

// One forwarding definition: the function pointer is looked up on the first
// call (a race only looks it up twice; the pointer is the same).
#define FORWARD(ret, name, params, args) \
    HIDDEN ret name params { \
        static ret(*fn) params; \
        if (!fn) fn = (ret(*) params)symbol(#name); \
        return fn args; \
    }
#define FORWARD_VOID(name, params, args) \
    HIDDEN void name params { \
        static void(*fn) params; \
        if (!fn) fn = (void(*) params)symbol(#name); \
        fn args; \
    }

FORWARD(const char *, TessVersion, (void), ())
FORWARD(TessBaseAPI *, TessBaseAPICreate, (void), ())
FORWARD_VOID(TessBaseAPIDelete, (TessBaseAPI *handle), (handle))
FORWARD_VOID(TessBaseAPIEnd, (TessBaseAPI *handle), (handle))
FORWARD_VOID(TessBaseAPIClear, (TessBaseAPI *handle), (handle))
FORWARD(int, TessBaseAPIInit3, (TessBaseAPI *handle, const char *datapath, const char *language), (handle, datapath, language))
FORWARD(int, TessBaseAPIRecognize, (TessBaseAPI *handle, ETEXT_DESC *monitor), (handle, monitor))
FORWARD_VOID(TessBaseAPISetImage2, (TessBaseAPI *handle, struct Pix *pix), (handle, pix))
FORWARD_VOID(TessBaseAPISetPageSegMode, (TessBaseAPI *handle, TessPageSegMode mode), (handle, mode))
FORWARD_VOID(TessBaseAPISetSourceResolution, (TessBaseAPI *handle, int ppi), (handle, ppi))
FORWARD(BOOL, TessBaseAPISetVariable, (TessBaseAPI *handle, const char *name, const char *value), (handle, name, value))
FORWARD(TessResultIterator *, TessBaseAPIGetIterator, (TessBaseAPI *handle), (handle))
FORWARD_VOID(TessDeleteText, (const char *text), (text))
FORWARD(ETEXT_DESC *, TessMonitorCreate, (void), ())
FORWARD_VOID(TessMonitorDelete, (ETEXT_DESC *monitor), (monitor))
FORWARD_VOID(TessMonitorSetDeadlineMSecs, (ETEXT_DESC *monitor, int deadline), (monitor, deadline))
FORWARD(BOOL, TessPageIteratorBoundingBox,
        (const TessPageIterator *handle, TessPageIteratorLevel level, int *left, int *top, int *right, int *bottom),
        (handle, level, left, top, right, bottom))
FORWARD(BOOL, TessPageIteratorIsAtBeginningOf, (const TessPageIterator *handle, TessPageIteratorLevel level), (handle, level))
FORWARD(float, TessResultIteratorConfidence, (const TessResultIterator *handle, TessPageIteratorLevel level), (handle, level))
FORWARD_VOID(TessResultIteratorDelete, (TessResultIterator *handle), (handle))
FORWARD(TessPageIterator *, TessResultIteratorGetPageIterator, (TessResultIterator *handle), (handle))
FORWARD(char *, TessResultIteratorGetUTF8Text, (const TessResultIterator *handle, TessPageIteratorLevel level), (handle, level))
FORWARD(BOOL, TessResultIteratorNext, (TessResultIterator *handle, TessPageIteratorLevel level), (handle, level))

FORWARD(PIX *, pixCreate, (l_int32 width, l_int32 height, l_int32 depth), (width, height, depth))
FORWARD(PIX *, pixDeskewGeneral,
        (PIX *pixs, l_int32 redsweep, l_float32 sweeprange, l_float32 sweepdelta, l_int32 redsearch, l_int32 thresh,
         l_float32 *pangle, l_float32 *pconf),
        (pixs, redsweep, sweeprange, sweepdelta, redsearch, thresh, pangle, pconf))
FORWARD_VOID(pixDestroy, (PIX **ppix), (ppix))
FORWARD(l_uint32 *, pixGetData, (PIX *pix), (pix))
FORWARD(l_int32, pixGetWpl, (const PIX *pix), (pix))
FORWARD(l_ok, pixSetResolution, (PIX *pix, l_int32 xres, l_int32 yres), (pix, xres, yres))
FORWARD_VOID(lept_free, (void *ptr), (ptr))
FORWARD(char *, getLeptonicaVersion, (void), ())
