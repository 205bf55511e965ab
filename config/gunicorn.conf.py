"""gunicorn's settings, for the image and for bench/run.sh.

Sync workers, which must sit behind a buffering proxy that sends them only whole requests
(deploy/nginx.conf, and the README's "Deploying"): a sync worker waiting on a slow client serves
no one else. The logs carry no client address, user agent, referrer or token.
"""

workers = 2  # the address to listen on is given where it is run (the Dockerfile, bench/run.sh)
control_socket_disable = True

logger_class = "config.privacy_log.GunicornLogger"
# No access log by default (the proxy in front keeps one); `--access-logfile -` turns it on, in this
# format: no %(h)s (the address), %(a)s (the user agent) or %(f)s (the referrer, with report links).
accesslog = None
errorlog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(B)s %(M)sms'
