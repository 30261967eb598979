#!/usr/bin/python3
"""bench/mail_intake.sh's helper (standard library only).
  mail_intake.py dovecot DIR PORT       writes DIR/dovecot.conf (users receiving, quality) and execs dovecot -F
  mail_intake.py fill PORT COUNT OUT    appends COUNT mails with 1-3 attachments to receiving's INBOX;
                                        writes the SHA-256 of every distinct document attachment to OUT
  mail_intake.py state PORT             prints "unseen seen" of receiving's INBOX
"""
import grp, hashlib, imaplib, os, pwd, random, struct, sys, zlib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

PASSWORD = "bench-pw"

def dovecot(directory, port):
    for sub in ("run", "state", "mail"):
        os.makedirs(os.path.join(directory, sub), exist_ok=True)
    if os.geteuid() == 0:
        login = "dovenull" if _user("dovenull") else "nobody"
        internal = "dovecot" if _user("dovecot") else "nobody"
        mail_user, nobody = "nobody", pwd.getpwnam("nobody")
        mail_group = grp.getgrgid(nobody.pw_gid).gr_name
        path = directory
        while path not in ("/", "/tmp", ""):
            os.chmod(path, 0o755)
            path = os.path.dirname(path)
        os.chown(os.path.join(directory, "mail"), nobody.pw_uid, nobody.pw_gid)
    else:
        login = internal = mail_user = pwd.getpwuid(os.geteuid()).pw_name
        mail_group = grp.getgrgid(os.getegid()).gr_name
    with open(os.path.join(directory, "users"), "w") as users:
        for name in ("receiving", "quality"):
            users.write(f"{name}:{{PLAIN}}{PASSWORD}::::{directory}/mail/{name}\n")
    conf = os.path.join(directory, "dovecot.conf")
    with open(conf, "w") as out:
        out.write(f"""protocols = imap
listen = 127.0.0.1
base_dir = {directory}/run
state_dir = {directory}/state
instance_name = quai-bench-{port}
default_internal_user = {internal}
default_login_user = {login}
{"" if os.geteuid() == 0 else "default_internal_group = " + mail_group}
first_valid_uid = 0
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
mail_location = maildir:~/Maildir
log_path = {directory}/dovecot.log
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {directory}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {directory}/users
  default_fields = uid={mail_user} gid={mail_group}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
""")
    os.execv("/usr/sbin/dovecot", ["dovecot", "-F", "-c", conf])

def _user(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False

def pdf(text):
    """A small valid one-page PDF with `text` on it."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out

def png(seed):
    """A valid 16x16 grey PNG whose pixels depend on `seed`."""
    rows = b"".join(b"\x00" + bytes((seed * 7 + x * 13 + y) % 256 for x in range(16)) for y in range(16))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))

def fill(port, count, out):
    rng = random.Random(18)
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.login("receiving", PASSWORD)
    expected = set()
    for n in range(count):
        message = EmailMessage()
        message["From"] = f"Supplier {n % 7} <orders{n % 7}@supplier.example>"
        message["To"] = "receiving@quai.example"
        message["Subject"] = f"Delivery note {n}"
        message["Date"] = formatdate(1772611200 + n * 60)
        message["Message-ID"] = make_msgid(f"bench{n}")
        message.set_content("Please find attached.")
        for a in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.15:
                message.add_attachment(b"BEGIN:VCARD\r\nEND:VCARD\r\n", maintype="text", subtype="x-vcard",
                                       filename="sender.vcf")
                continue
            if kind < 0.25:
                message.add_attachment("terms and conditions", filename="terms.txt")
                continue
            # Some documents are sent again in other mails (the same bytes).
            seed = rng.randint(0, count // 2) if rng.random() < 0.2 else 100000 + n * 10 + a
            if kind < 0.7:
                data, name, sub = pdf(f"Delivery note {seed}"), f"LS-{seed}.pdf", "pdf"
                message.add_attachment(data, maintype="application", subtype=sub, filename=name)
            else:
                data, name = png(seed), f"scan-{seed}.png"
                message.add_attachment(data, maintype="image", subtype="png", filename=name)
            expected.add(hashlib.sha256(data).hexdigest())
        imap.append("INBOX", "", None, message.as_bytes().replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n"))
    imap.logout()
    with open(out, "w") as file:
        file.write("\n".join(sorted(expected)) + "\n")

def state(port):
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.login("receiving", PASSWORD)
    imap.select("INBOX")
    unseen = len(imap.uid("SEARCH", None, "UNSEEN")[1][0].split())
    seen = len(imap.uid("SEARCH", None, "SEEN")[1][0].split())
    imap.logout()
    print(unseen, seen)

if __name__ == "__main__":
    if sys.argv[1] == "dovecot":
        dovecot(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "fill":
        fill(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "state":
        state(int(sys.argv[2]))
