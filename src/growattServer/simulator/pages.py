"""HTML pages the real servers answer with where a JSON client expects JSON (spec §1.2, §2.6)."""

from __future__ import annotations

# HTTP 500 for a data endpoint without a session: the 2025 English text (fixture
# classic/expired-session-error500-en__noah-mqtt-87.html), JSP whitespace included.
NOT_LOGGED_IN_500 = """

  
 

    
<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Error500</title>
</head>
<body>
	<br/>
	<br/>
	<br/>
		<center>
		<pre>
Note: Dear user, you have not login to the system, skip login page login.. <br>
<a href="./login.do" target="_top">Login Page</a>
		</pre>

	</center>
	
</body>
</html>"""

LOGIN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>Growatt - Login</title>
</head>
<body class="loginPage">
<form id="loginForm" action="login" method="post">
  <input type="text" name="account" placeholder="User Name">
  <input type="password" name="password" placeholder="Password">
  <input type="hidden" name="validateCode" value="">
  <button type="submit">Login</button>
</form>
</body>
</html>"""

UA_BLACKLIST_403 = """<html>
<head><title>403 Forbidden</title></head>
<body>
<center><h1>403 Forbidden</h1></center>
<hr><center>Your request has been blocked: UA ACL = blacklist</center>
<hr><center>Tengine</center>
</body>
</html>"""

WAF_405 = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>405</title></head>
<body>
<div class="container">
<h2>405</h2>
<p>Sorry, your request has been blocked as it may cause potential threats to the server's security.</p>
</div>
</body>
</html>"""

NOT_FOUND_404 = """<html><head><title>404 Not Found</title></head>
<body><center><h1>404 Not Found</h1></center><hr><center>Tengine</center></body></html>"""


def server_error_page(status: int) -> str:
    return (
        f"<html><head><title>{status}</title></head><body><center><h1>{status}</h1>"
        "</center><hr><center>Tengine</center></body></html>"
    )
