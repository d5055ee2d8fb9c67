#ifndef ISSUEPIPE_CPOPPLER_SHIM_H
#define ISSUEPIPE_CPOPPLER_SHIM_H
#include <poppler.h>
#include <cairo.h>
#include <cairo-svg.h>
#include <glib.h>
#endif
