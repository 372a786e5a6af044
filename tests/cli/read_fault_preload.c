/* Loaded into avcsift with LD_PRELOAD by watch_input_test.cpp: the first
 * read() of standard input fails with the errno that AVCSIFT_TEST_READ_FAULT
 * names, as when another reader of a shared non-blocking standard input took
 * the bytes poll() announced (EAGAIN), or the device failed (EIO). Every
 * other read() is libc's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t read(int fd, void* buffer, size_t count) {
  static ssize_t (*real_read)(int, void*, size_t);
  static int faulted;
  if (real_read == NULL) real_read = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
  const char* fault = getenv("AVCSIFT_TEST_READ_FAULT");
  if (fd == STDIN_FILENO && fault != NULL && !faulted) {
    faulted = 1;
    errno = strcmp(fault, "EIO") == 0 ? EIO : EAGAIN;
    return -1;
  }
  return real_read(fd, buffer, count);
}
