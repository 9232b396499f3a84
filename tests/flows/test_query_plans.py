"""What an update asks the database is answered from an index, never by reading a whole table.

A member publishes a post (the match index catches up and looks for matches), members browse,
search, open a post and write to its author (the relayed message goes to the
outbox), a newcomer starts onboarding, and the board approves an application. Every statement
those updates, the relay that sends their messages and the persistence of what they left in
user_data (prompts, drafts) ran is recorded, and SQLite's plan of each is read: a full scan of
any table fails, and so does a search that reaches posts other than by id from posts_fts.
"""

from collections import Counter

from tests.fakes import FakeTelegram
from tests.flows.board_world import apply_and_notify, board_member
from tests.flows.posts_world import EN, ES, member, post_offer
from tests.harness import BOARD_CHAT_ID, BotHarness
from tests.query_plans import BY_ID, explain, recording


async def test_no_update_reads_a_whole_table(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="es")
    bob = fake.user("bob", language_code="en")
    newcomer = fake.user("carla", language_code="es")
    applicant = fake.user("dani", language_code="en")
    ana = board_member(fake, "ana", "Ana")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers", municipality="ponferrada")
    await post_offer(alice, ES, "Cursos de cocina ecológica", "Talleres los sábados.")
    await applicant.send("/help")
    _, card = await apply_and_notify(bot, applicant, "Panadería Común")

    async with recording(bot.store.db) as statements:
        # Publishing brings the match index up to date with what changed since it last looked.
        await post_offer(bob, EN, "Sourdough bread", "Baked every morning.")
        await bob.send("/needs")
        await bob.send("/offers")
        await bob.press("Sector…")
        await bob.press(EN.sector)
        await bob.send("/search cocina")
        await bob.press("1")
        await bob.press(EN.contact)
        await bob.send("Hello! Do you run courses in English too?")
        await bot.deliver()
        await alice.press(ES.reply)
        await alice.send("¡Sí, claro!")
        await alice.send("/menu")
        await newcomer.send("/start")
        await newcomer.press("✅ Acepto")
        await ana.press("✅ Aprobar", chat=BOARD_CHAT_ID, message=card)
        await bot.deliver()
        assert bot.app is not None
        await bot.app.update_persistence()  # what the updates left in user_data: prompts, drafts

    assert len(statements) > 50  # the updates above did reach the database
    kinds = Counter(sql.split()[0].upper() for sql in statements)
    assert kinds["SELECT"] and kinds["INSERT"] and kinds["UPDATE"]
    tables = " ".join(statements)
    for table in ("members", "entities", "posts_fts", "outbox", "ptb_user_data", "audit_log"):
        assert table in tables, table
    for sql in dict.fromkeys(statements):
        plan = await explain(bot.store.db, sql)
        assert not plan.full_scans(), plan
        if "posts_fts MATCH" in sql:  # a search follows the index of words to posts by id
            assert all(BY_ID in line for line in plan.accesses("posts", "p")), plan
