/* For Wine 8 (Debian 12) only, never shipped: Rust's std (1.78+) takes random bytes from
 * ProcessPrng in bcryptprimitives.dll, which Windows 10/11 have and Wine gained only in 9.0.
 * .ci/package builds this stand-in with mingw-w64 into the throw-away Wine prefix, so
 * kiemtra.exe starts under Wine; it asks the same system generator (RtlGenRandom). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
