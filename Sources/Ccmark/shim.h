#ifndef HELPSITE_CCMARK_SHIM_H
#define HELPSITE_CCMARK_SHIM_H
#include <cmark.h>
#endif
