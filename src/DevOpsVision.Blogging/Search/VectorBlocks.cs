using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Steps of block decoding done eight values at a time with AVX2; a machine without it decodes a value at a time.
/// </summary>
/// <remarks>
/// Unpacking: eight values of width w take exactly w bytes, so every group of eight starts on a byte and has the same
/// layout: one byte shuffle and one shift pattern per width serve a whole block. Each 128-bit half takes four values;
/// four values of up to 24 bits, starting at most 7 bits into their first byte, lie within 13 bytes, so one
/// sixteen-byte read per half holds them.
/// </remarks>
internal static class VectorBlocks
{
    /// <summary>
    /// The widest values unpacked here. A value's bits, shifted by at most 7, must fit its 32-bit lane (up to 25 bits), and a
    /// half's four values its sixteen-byte read (7 + 4 × 24 bits fit 13 bytes).
    /// </summary>
    public const int MaxWidth = 24;

    // Built by field initialisers rather than a static constructor, so the type needs no initialisation check on use.
    private static readonly Vector256<byte>[] Shuffles = BuildShuffles();
    private static readonly Vector256<uint>[] Shifts = BuildShifts();

    /// <summary>Where value <paramref name="j"/> of a group starts, in bits from its half's first byte: the upper half is read from the byte holding value 4's first bit.</summary>
    private static int BitInHalf(int width, int j) => j < 4 ? j * width : ((4 * width) & 7) + ((j - 4) * width);

    private static Vector256<byte>[] BuildShuffles()
    {
        var shuffles = new Vector256<byte>[MaxWidth + 1];
        Span<byte> shuffle = stackalloc byte[32];
        for (int width = 1; width <= MaxWidth; width++)
        {
            for (int j = 0; j < 8; j++)
            {
                // Each value's lane takes the four bytes from the one its first bit is in.
                int first = BitInHalf(width, j) >> 3;
                for (int b = 0; b < 4; b++)
                {
                    shuffle[(j < 4 ? 0 : 16) + ((j & 3) * 4) + b] = (byte)(first + b);
                }
            }

            shuffles[width] = Vector256.Create<byte>(shuffle);
        }

        return shuffles;
    }

    private static Vector256<uint>[] BuildShifts()
    {
        var shifts = new Vector256<uint>[MaxWidth + 1];
        Span<uint> shift = stackalloc uint[8];
        for (int width = 1; width <= MaxWidth; width++)
        {
            for (int j = 0; j < 8; j++)
            {
                shift[j] = (uint)(BitInHalf(width, j) & 7);
            }

            shifts[width] = Vector256.Create<uint>(shift);
        }

        return shifts;
    }

    /// <summary>Whether this machine decodes with vectors; where it does not, <see cref="Unpack8"/> and <see cref="Postings"/> do nothing.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// Unpacks whole groups of eight of the <paramref name="count"/> values at <paramref name="bit"/> (a byte boundary)
    /// of <paramref name="data"/> (<paramref name="length"/> bytes) into <paramref name="target"/>, as long as both
    /// reads of a group stay inside the data. Returns how many values it unpacked, a multiple of eight.
    /// </summary>
    public static int Unpack8(ref byte data, int length, long bit, int width, ref uint target, int count)
    {
        if (!Avx2.IsSupported || width < 1 || width > MaxWidth || (bit & 7) != 0)
        {
            return 0;
        }

        Vector256<byte> shuffle = Shuffles[width];
        Vector256<uint> shift = Shifts[width];
        Vector256<uint> mask = Vector256.Create((1u << width) - 1);
        long start = bit >> 3;
        int half = (4 * width) >> 3;
        int i = 0;
        for (long at = start; i + 8 <= count && at + half + 16 <= length; i += 8, at += width)
        {
            Vector128<byte> low = Vector128.LoadUnsafe(ref data, (nuint)at);
            Vector128<byte> high = Vector128.LoadUnsafe(ref data, (nuint)(at + half));
            Vector256<byte> bytes = Avx2.Shuffle(Vector256.Create(low, high), shuffle);
            Vector256<uint> values = Avx2.ShiftRightLogicalVariable(bytes.AsUInt32(), shift) & mask;
            values.StoreUnsafe(ref target, (nuint)i);
        }

        return i;
    }

    /// <summary>
    /// For whole groups of eight of a postings block's <paramref name="count"/> postings: turns document gaps (less one)
    /// into documents after <paramref name="doc"/>, field bits stored XOR the body bit into the fields present, and sets
    /// each posting's first frequency at <paramref name="wanted"/> plus the fields of the postings before it. Moves
    /// <paramref name="doc"/> and <paramref name="wanted"/> past them and returns how many postings it did, a multiple of eight.
    /// </summary>
    public static int Postings(Span<uint> docs, Span<uint> masks, Span<int> offsets, int count, ref int doc, ref int wanted)
    {
        if (!IsSupported || count > docs.Length || count > masks.Length || count > offsets.Length)
        {
            return 0;
        }

        ref uint docAt = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(docs);
        ref uint maskAt = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(masks);
        ref int offsetAt = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(offsets);
        Vector256<int> last = Vector256.Create(7);
        Vector256<int> docBase = Vector256.Create(doc);
        Vector256<int> wantedBase = Vector256.Create(wanted);
        Vector256<uint> body = Vector256.Create((uint)SearchFields.BodyMask);
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        Vector256<byte> bitsIn = Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        int i = 0;
        for (; i + 8 <= count; i += 8)
        {
            Vector256<int> documents = Ascending(Vector256.LoadUnsafe(ref docAt, (nuint)i).AsInt32() + Vector256<int>.One) + docBase;
            documents.AsUInt32().StoreUnsafe(ref docAt, (nuint)i);
            docBase = Avx2.PermuteVar8x32(documents, last);

            Vector256<uint> fields = Vector256.LoadUnsafe(ref maskAt, (nuint)i) ^ body;
            fields.StoreUnsafe(ref maskAt, (nuint)i);

            // Set bits per byte from each nibble, then the four bytes of each value summed into its top byte.
            Vector256<byte> bytes = fields.AsByte();
            Vector256<byte> perByte = Avx2.Shuffle(bitsIn, bytes & nibble) + Avx2.Shuffle(bitsIn, Avx2.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble);
            Vector256<int> present = Avx2.ShiftRightLogical(Avx2.MultiplyLow(perByte.AsInt32(), Vector256.Create(0x01010101)), 24);
            Vector256<int> through = Ascending(present) + wantedBase;
            (through - present).StoreUnsafe(ref offsetAt, (nuint)i);
            wantedBase = Avx2.PermuteVar8x32(through, last);
        }

        doc = docBase.ToScalar();
        wanted = wantedBase.ToScalar();
        return i;
    }

    /// <summary>Each lane plus every lane before it (an inclusive prefix sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Ascending(Vector256<int> values)
    {
        values += Avx2.ShiftLeftLogical128BitLane(values.AsByte(), 4).AsInt32();
        values += Avx2.ShiftLeftLogical128BitLane(values.AsByte(), 8).AsInt32();
        Vector256<int> lowTotal = Avx2.PermuteVar8x32(values, Vector256.Create(3));
        return values + Avx2.Blend(Vector256<int>.Zero, lowTotal, 0b1111_0000);
    }
}
