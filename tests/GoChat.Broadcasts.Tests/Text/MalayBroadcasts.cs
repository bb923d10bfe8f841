using System.Text;

namespace GoChat.Broadcasts.Tests.Text;

/// <summary>
/// Broadcast-like Malay texts of 300–1500 characters, the same for the same seed, with what real notices carry:
/// paragraphs, figures with a no-break space (RM 500), an ellipsis, and now and then an emoji ZWJ sequence.
/// </summary>
internal static class MalayBroadcasts
{
    private static readonly string[] Openings =
    [
        "MAKLUMAN RASMI: ",
        "Kenyataan media. ",
        "Untuk makluman semua warga kementerian, ",
        "Perhatian kepada semua penjawat awam. ",
        "📢 Pengumuman segera: ",
    ];

    private static readonly string[] Subjects =
    [
        "Kementerian Kesihatan Malaysia", "Jabatan Bomba dan Penyelamat", "Majlis Keselamatan Negara",
        "Agensi Pengurusan Bencana Negara", "Jabatan Meteorologi Malaysia", "Kementerian Dalam Negeri",
        "Pejabat Setiausaha Kerajaan Negeri", "Jabatan Perkhidmatan Awam", "Polis Diraja Malaysia",
    ];

    private static readonly string[] Verbs =
    [
        "memaklumkan bahawa", "ingin mengingatkan orang ramai bahawa", "telah memutuskan bahawa",
        "dengan ini mengesahkan bahawa", "mengambil maklum bahawa",
    ];

    private static readonly string[] Clauses =
    [
        "operasi pemindahan mangsa banjir di daerah Kuala Krai akan bermula pada jam 8.00 pagi esok",
        "semua pegawai diminta hadir ke taklimat keselamatan di Dewan Utama, Aras 3, Blok B",
        "bantuan tunai sebanyak RM\u00A0500 akan disalurkan kepada isi rumah yang layak",
        "permohonan cuti rehat bagi tempoh 1 hingga 15 Disember ditangguhkan sehingga notis berikutnya",
        "amaran cuaca buruk peringkat waspada telah dikeluarkan bagi negeri Kelantan, Terengganu dan Pahang",
        "dokumen terperingkat TERHAD tidak boleh dikongsi melalui aplikasi pesanan awam",
        "latihan kebakaran akan diadakan pada hari Khamis, 12 Jun 2025, jam 10.30 pagi",
        "pusat pemindahan sementara di Sekolah Kebangsaan Seri Tanjung kini dibuka 24 jam",
        "sebarang pertanyaan boleh diajukan kepada Unit Komunikasi Korporat di talian 03-8888 1234",
        "peruntukan tambahan sebanyak RM\u00A02.5 juta telah diluluskan untuk kerja-kerja pembaikan",
        "orang ramai dinasihatkan supaya tidak menyebarkan maklumat yang belum disahkan",
        "semua kenderaan jabatan hendaklah diperiksa sebelum digunakan dalam operasi",
        "pasukan penyelamat telah ditempatkan di lokasi berisiko tinggi sejak semalam",
        "mesyuarat penyelarasan peringkat negeri akan diadakan secara dalam talian",
        "kadar jangkitan di kawasan tersebut menunjukkan penurunan sejak minggu lalu",
        "keluarga yang terjejas 👨\u200D👩\u200D👧 boleh mendaftar di kaunter bantuan terdekat",
    ];

    private static readonly string[] Months = ["Januari", "Mac", "Jun", "Ogos", "Oktober", "Disember"];

    private static readonly string[] Connectives = ["Selain itu,", "Sehubungan dengan itu,", "Walau bagaimanapun,", "Oleh itu,", "Untuk makluman,"];

    private static readonly string[] Closings =
    [
        "\n\nSekian, terima kasih.",
        "\n\n\"BERKHIDMAT UNTUK NEGARA\"\nSaya yang menjalankan amanah.",
        "\n\nMaklumat lanjut akan dikemas kini dari semasa ke semasa…",
        "\n\nTerima kasih atas kerjasama anda.",
    ];

    public static string Text(int seed) => Text(new Random(seed));

    public static string Text(Random random)
    {
        var target = random.Next(300, 1501);
        var closing = Closings[random.Next(Closings.Length)];
        var text = new StringBuilder();
        // Every notice opens with its reference and date; the date's no-break spaces are what NFKC and space collapsing
        // always find to change.
        text.Append("Rujukan: PSK.600-").Append(random.Next(1, 40)).Append('/').Append(random.Next(1, 12))
            .Append("\u00A0bertarikh ").Append(random.Next(1, 29)).Append('\u00A0').Append(Months[random.Next(Months.Length)])
            .Append("\u00A02025\n\n");
        text.Append(Openings[random.Next(Openings.Length)]);
        text.Append(Subjects[random.Next(Subjects.Length)]).Append(' ').Append(Verbs[random.Next(Verbs.Length)]).Append(' ');
        text.Append(Clauses[random.Next(Clauses.Length)]).Append('.');
        while (true)
        {
            var sentence = new StringBuilder();
            var r = random.Next(10);
            if (r == 0) sentence.Append("\n\n");
            else sentence.Append(' ');
            if (r < 4) sentence.Append(Connectives[random.Next(Connectives.Length)]).Append(' ');
            var clause = Clauses[random.Next(Clauses.Length)];
            sentence.Append(r < 4 ? clause : char.ToUpperInvariant(clause[0]) + clause[1..]);
            sentence.Append(r == 9 ? "…" : ".");
            if (text.Length + sentence.Length + closing.Length > target) break;
            text.Append(sentence);
        }
        text.Append(closing);
        // Pad the rare short draw with one more clause so every text is at least 300 characters.
        while (text.Length < 300) text.Append(' ').Append(char.ToUpperInvariant(Clauses[0][0])).Append(Clauses[0][1..]).Append('.');
        return text.ToString();
    }
}
