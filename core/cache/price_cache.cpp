// Placeholder until the cache lands in this file.
#include "core/cache/price_cache.h"
