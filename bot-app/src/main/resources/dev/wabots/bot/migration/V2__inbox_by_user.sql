-- Each user's queue is read on its own: unfinished messages of one phone, in order.
CREATE INDEX inbox_phone_open ON inbox (phone, state, seq);
