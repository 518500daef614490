// Placeholder until the csv parser lands in this file.
#include "core/csv/csv_import.h"
