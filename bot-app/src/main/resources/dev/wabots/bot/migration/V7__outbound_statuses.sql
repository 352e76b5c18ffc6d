-- Meta's delivery statuses of a message this bot sent are kept on its outbound row
-- (dev.wabots.bot.inbox.DeliveryStatuses): when each was first reported, and status the furthest
-- reached (sent < delivered < read < played; failed ends it). statuses keeps what no row takes:
-- statuses of messages with no row (yet), and kinds the bot does not know.
ALTER TABLE outbound ADD COLUMN reported_sent_at TEXT;
ALTER TABLE outbound ADD COLUMN delivered_at TEXT;
ALTER TABLE outbound ADD COLUMN read_at TEXT;
ALTER TABLE outbound ADD COLUMN played_at TEXT;
ALTER TABLE outbound ADD COLUMN failed_at TEXT;

UPDATE outbound SET
    reported_sent_at = (SELECT MIN(at) FROM statuses WHERE message_id = outbound.wamid AND status = 'sent'),
    delivered_at = (SELECT MIN(at) FROM statuses WHERE message_id = outbound.wamid AND status = 'delivered'),
    read_at = (SELECT MIN(at) FROM statuses WHERE message_id = outbound.wamid AND status = 'read'),
    played_at = (SELECT MIN(at) FROM statuses WHERE message_id = outbound.wamid AND status = 'played'),
    failed_at = (SELECT MIN(at) FROM statuses WHERE message_id = outbound.wamid AND status = 'failed')
WHERE wamid IN (SELECT message_id FROM statuses);

UPDATE outbound SET status = CASE
    WHEN failed_at IS NOT NULL THEN 'failed'
    WHEN played_at IS NOT NULL THEN 'played'
    WHEN read_at IS NOT NULL THEN 'read'
    WHEN delivered_at IS NOT NULL THEN 'delivered'
    WHEN reported_sent_at IS NOT NULL THEN 'sent'
    ELSE status END
WHERE wamid IN (SELECT message_id FROM statuses);

DELETE FROM statuses
WHERE status IN ('sent', 'delivered', 'read', 'played', 'failed')
  AND message_id IN (SELECT wamid FROM outbound);
