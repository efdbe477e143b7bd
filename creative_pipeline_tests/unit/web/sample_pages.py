"""Realistic HTML fixtures shared by the web extraction and fetch tests."""

SHOP_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>  GreenBox — Fresh Meal Kits Delivered  </title>
  <meta name="description" content="Chef-designed meal kits for busy parents, delivered weekly.">
  <meta property="og:title" content="GreenBox Meal Kits">
  <meta property="og:description" content="Healthy dinners in 20 minutes.">
  <meta name="theme-color" content="#2e7d32">
  <style>
    body { color: #000000; background: #ffffff; }
    #fab { display: block; }
    .cta { background: #2E7D32; border: 1px solid #ff9800; }
    .badge { color: rgb(255, 152, 0); }
    .hero { background-image: url(#fade); }
  </style>
  <script>var secret = "do not extract me"; fetch("http://evil/");</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/login">Log in</a></nav>
  <header><h1>Fresh meal kits for busy parents</h1></header>
  <main>
    <h2>How it works</h2><!-- internal note: launch coupon is STAFF50 -->
    <p>Pick recipes. We deliver fresh, organic ingredients to your door every week.</p>
    <h2>How it works</h2>
    <h3>Plans &amp; pricing</h3>
    <p style="color:#abc">Meal kits are designed for families who love to cook together.
       Get <strong>50% off</strong> your first box and <a href="/ship">free shipping</a> on every order!</p>
    <p>Organic vegetables, organic meat and recipes from real chefs.</p>
    <noscript>Please enable JavaScript</noscript>
    <svg><text>svg text</text></svg>
  </main>
  <footer>Copyright 2026 GreenBox. Privacy policy.</footer>
</body>
</html>
"""
