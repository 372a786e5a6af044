/* The parser's floor for bench/: feeds a log to libauparse (AUSOURCE_FEED, as
 * avcsift does) and only walks the records of each event. avcsift cannot be
 * faster than this on the same file; how far it is above it is the cost of
 * everything avcsift does with the records.
 *
 * Build: cc -O2 bench/auparse-walk.c -lauparse -o auparse-walk
 * Run:   ./auparse-walk LOG      (prints the number of records walked)
 */
#include <auparse.h>
#include <stdio.h>

static unsigned long records;

static void on_event(auparse_state_t *au, auparse_cb_event_t type, void *data) {
  (void)data;
  if (type != AUPARSE_CB_EVENT_READY || auparse_first_record(au) <= 0) return;
  do {
    ++records;
  } while (auparse_next_record(au) > 0);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s LOG\n", argv[0]);
    return 2;
  }
  FILE *log = fopen(argv[1], "r");
  if (log == NULL) {
    perror(argv[1]);
    return 1;
  }
  auparse_state_t *au = auparse_init(AUSOURCE_FEED, NULL);
  auparse_add_callback(au, on_event, NULL, NULL);
  char buffer[1 << 16];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, log)) > 0) auparse_feed(au, buffer, n);
  auparse_flush_feed(au);
  auparse_destroy(au);
  fclose(log);
  printf("%lu\n", records);
  return 0;
}
