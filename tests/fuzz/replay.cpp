// Runs a fuzz harness over files, as the tests do with its seed corpus: each file, or each
// file of each folder named, is one input to LLVMFuzzerTestOneInput. Built with g++ (and
// the sanitizers under make test-asan) where libFuzzer is not.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

int main(int argc, char **argv)
{
    QTextStream err(stderr);
    int inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        QStringList files;
        if (QFileInfo(path).isDir()) {
            const QDir dir(path);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
                files.append(dir.filePath(name));
        } else {
            files.append(path);
        }
        for (const QString &file : std::as_const(files)) {
            QFile input(file);
            if (!input.open(QIODevice::ReadOnly)) {
                err << "Cannot read " << file << ": " << input.errorString() << '\n';
                return 1;
            }
            const QByteArray bytes = input.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                   std::size_t(bytes.size()));
            ++inputs;
        }
    }
    if (inputs == 0) {
        err << "No input: give corpus folders or files.\n";
        return 1;
    }
    err << inputs << " inputs ran\n";
    return 0;
}
