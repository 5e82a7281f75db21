/*
 * Bare-metal start-up of the Cortex-M4 test harness (QEMU mps2-an386, pnet_mcu_mps2_an386.ld): the vector table,
 * the reset handler, newlib's system calls over ARM semihosting, and the cost counters of pnet_driver.c.
 *
 * Only the harness uses newlib's stdio and malloc (printf buffers): the model code (pnet_runtime.c and the model
 * header) calls neither. stdin reads the host file input.txt, stdout writes output.txt, stderr the semihosting
 * console, all relative to QEMU's working directory (-semihosting-config enable=on,target=native).
 *
 * Cost: the SysTick counter runs on the core clock, which QEMU's mps2 boards set to 25 MHz; with -icount shift=0
 * every guest instruction advances virtual time by 1 ns, so one SysTick tick is PNET_MCU_NS_PER_TICK instructions.
 * That counts instructions (to a resolution of one tick), not cycles: QEMU does not model pipeline timing, wait
 * states or the FPU's latencies. The stack high-water mark comes from painting the unused stack before the call.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int main(void);
void pnet_mcu_reset(void);
void pnet_cost_begin(void);
void pnet_cost_end(uint32_t *instructions, uint32_t *stack_bytes);
void _init(void);
void _fini(void);
int _read(int fd, char *buf, int len);
int _write(int fd, const char *buf, int len);
void _exit(int status);
int _close(int fd);
int _lseek(int fd, int offset, int whence);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
int _kill(int pid, int sig);
int _getpid(void);
void *_sbrk(int increment);

/* Linker script symbols; __stack_top is declared as a function so that it fits the vector table's type. */
extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_limit[];
extern char __heap_start[], __heap_end[];
extern void __stack_top(void);

#define SYS_OPEN 0x01
#define SYS_WRITE0 0x04
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUN_TIME_ERROR 0x20023u

#define SYST_CSR (*(volatile uint32_t *) 0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *) 0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *) 0xE000E018u)
#define CPACR (*(volatile uint32_t *) 0xE000ED88u)
#define PNET_MCU_NS_PER_TICK 40u /* 25 MHz core clock, 1 ns per instruction under -icount shift=0 */
#define PAINT 0xC5A5A5C5u

static int semihost(uint32_t op, const void *arg) {
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return (int) r0;
}

static void stop(uint32_t reason) {
    semihost(SYS_EXIT, (const void *) (uintptr_t) reason);
    for (;;) {
    }
}

static void fault(void) {
    semihost(SYS_WRITE0, "pnet_mcu: fault exception\n");
    stop(ADP_STOPPED_RUN_TIME_ERROR);
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    __stack_top, pnet_mcu_reset, fault, fault, fault, fault, fault, 0, 0, 0, 0, fault, fault, 0, fault, fault
};

static int handles[3] = {-1, -1, -1};

/* Semihosting handle of fd 0, 1 or 2, opened on first use; -1 for any other fd or a failed open. */
static int handle(int fd) {
    static const char *const names[3] = {"input.txt", "output.txt", ":tt"};
    static const uint32_t modes[3] = {1u, 5u, 4u}; /* "rb", "wb", "w" */
    if (fd < 0 || fd > 2) {
        return -1;
    }
    if (handles[fd] < 0) {
        uintptr_t args[3];
        args[0] = (uintptr_t) names[fd];
        args[1] = modes[fd];
        args[2] = strlen(names[fd]);
        handles[fd] = semihost(SYS_OPEN, args);
    }
    return handles[fd];
}

int _read(int fd, char *buf, int len) {
    uintptr_t args[3];
    int h = handle(fd);
    if (h < 0) {
        errno = EBADF;
        return -1;
    }
    args[0] = (uintptr_t) h;
    args[1] = (uintptr_t) buf;
    args[2] = (uintptr_t) len;
    return len - semihost(SYS_READ, args); /* the call returns the bytes NOT read */
}

int _write(int fd, const char *buf, int len) {
    uintptr_t args[3];
    int h = handle(fd);
    if (h < 0) {
        errno = EBADF;
        return -1;
    }
    args[0] = (uintptr_t) h;
    args[1] = (uintptr_t) buf;
    args[2] = (uintptr_t) len;
    return semihost(SYS_WRITE, args) == 0 ? len : -1;
}

void _exit(int status) {
    stop(status == 0 ? ADP_STOPPED_APPLICATION_EXIT : ADP_STOPPED_RUN_TIME_ERROR);
}

int _close(int fd) {
    (void) fd;
    return 0;
}

int _lseek(int fd, int offset, int whence) {
    (void) fd;
    (void) offset;
    (void) whence;
    return 0;
}

int _fstat(int fd, struct stat *st) {
    (void) fd;
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFCHR;
    return 0;
}

int _isatty(int fd) {
    (void) fd;
    return 1;
}

int _kill(int pid, int sig) {
    (void) pid;
    (void) sig;
    errno = EINVAL;
    return -1;
}

int _getpid(void) {
    return 1;
}

void *_sbrk(int increment) {
    static char *brk = __heap_start;
    char *old = brk;
    if (increment > __heap_end - brk) {
        errno = ENOMEM;
        return (void *) -1;
    }
    brk += increment;
    return old;
}

void _init(void) {
}

void _fini(void) {
}

static uint32_t cost_start_tick;
static uintptr_t cost_caller_sp;

/* Paints the free stack below this call, then starts the count. Not inlined: the painting must stay below it. */
__attribute__((noinline)) void pnet_cost_begin(void) {
    uint32_t *p = __stack_limit;
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    cost_caller_sp = (uintptr_t) __builtin_dwarf_cfa();
    while (p < sp) {
        *p++ = PAINT;
    }
    cost_start_tick = SYST_CVR;
}

/* Instructions since pnet_cost_begin (the counter counts down) and the deepest stack use below its caller. */
__attribute__((noinline)) void pnet_cost_end(uint32_t *instructions, uint32_t *stack_bytes) {
    uint32_t ticks = (cost_start_tick - SYST_CVR) & 0xFFFFFFu;
    const uint32_t *p = __stack_limit;
    while (*p == PAINT) {
        p++;
    }
    *instructions = ticks * PNET_MCU_NS_PER_TICK;
    *stack_bytes = (uint32_t) (cost_caller_sp - (uintptr_t) p);
}

void pnet_mcu_reset(void) {
    const uint32_t *from = __data_load;
    uint32_t *to;
    for (to = __data_start; to < __data_end; to++) {
        *to = *from++;
    }
    for (to = __bss_start; to < __bss_end; to++) {
        *to = 0u;
    }
#if defined(__ARM_FP)
    CPACR |= 0xFu << 20; /* CP10 and CP11: full access to the FPU */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0u;
    SYST_CSR = 5u; /* enabled, core clock, no interrupt */
    exit(main());
}
